// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { clearDrafts, loadDraft, saveDraft } from "../lib/draft";

afterEach(() => sessionStorage.clear());

describe("the unsaved new task", () => {
  it("is kept per user in the tab's session storage", () => {
    saveDraft("alice", { title: "Call the plumber", description: "Leak under the sink" });
    expect(loadDraft("alice")).toEqual({ title: "Call the plumber", description: "Leak under the sink" });
    expect(loadDraft("bob")).toBeNull();
  });

  it("is forgotten once both fields are empty (the task was added)", () => {
    saveDraft("alice", { title: "Call the plumber", description: "" });
    saveDraft("alice", { title: "", description: "" });
    expect(loadDraft("alice")).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it("sign-out forgets every user's draft and nothing else", () => {
    saveDraft("alice", { title: "a", description: "" });
    saveDraft("bob", { title: "b", description: "" });
    sessionStorage.setItem("other", "kept");
    clearDrafts();
    expect(loadDraft("alice")).toBeNull();
    expect(loadDraft("bob")).toBeNull();
    expect(sessionStorage.getItem("other")).toBe("kept");
  });

  it("a damaged entry reads as no draft", () => {
    sessionStorage.setItem("warden.draft.alice", "{not json");
    expect(loadDraft("alice")).toBeNull();
    sessionStorage.setItem("warden.draft.alice", JSON.stringify({ title: 7 }));
    expect(loadDraft("alice")).toEqual({ title: "", description: "" });
  });
});
