import { describe, expect, it } from "vitest";
import {
  DESCRIPTION_MAX,
  TITLE_MAX,
  characterCount,
  textLength,
  toChanges,
  toNewTask,
  validateTask,
} from "../lib/task-validation";

const EMOJI = "😀"; // one code point, two UTF-16 units

describe("textLength", () => {
  it("counts code points as Warden does, not UTF-16 units", () => {
    expect(textLength("Buy milk")).toBe(8);
    expect(EMOJI.repeat(200).length).toBe(400);
    expect(textLength(EMOJI.repeat(200))).toBe(200);
    expect(textLength("")).toBe(0);
  });
});

describe("validateTask", () => {
  it("accepts a title of 200 emoji, which the API accepts", () => {
    expect(validateTask({ title: EMOJI.repeat(TITLE_MAX), description: "" })).toEqual({});
  });

  it("refuses a title of 201 characters, saying by how much", () => {
    expect(validateTask({ title: EMOJI.repeat(201), description: "" })).toEqual({
      title: "Title is 1 character too long (200 at most).",
    });
    expect(validateTask({ title: "a".repeat(203), description: "" }).title).toBe(
      "Title is 3 characters too long (200 at most).",
    );
  });

  it("refuses an empty title and one of only whitespace", () => {
    expect(validateTask({ title: "", description: "" }).title).toBe("Enter a title.");
    expect(validateTask({ title: " \t\n ", description: "" }).title).toBe("Enter a title: spaces alone do not count.");
  });

  it("checks what is sent: surrounding whitespace does not count", () => {
    expect(validateTask({ title: `  ${"a".repeat(TITLE_MAX)}  `, description: " " })).toEqual({});
  });

  it("allows a description of up to 1000 characters", () => {
    expect(validateTask({ title: "t", description: EMOJI.repeat(DESCRIPTION_MAX) })).toEqual({});
    expect(validateTask({ title: "t", description: "x".repeat(1001) })).toEqual({
      description: "Description is 1 character too long (1000 at most).",
    });
  });

  it("reports both fields at once", () => {
    expect(Object.keys(validateTask({ title: "", description: "x".repeat(1001) }))).toEqual(["title", "description"]);
  });
});

describe("characterCount", () => {
  it("stays hidden until the text nears the limit", () => {
    expect(characterCount("a".repeat(159), TITLE_MAX).visible).toBe(false);
    expect(characterCount("a".repeat(160), TITLE_MAX)).toEqual({ visible: true, over: false, label: "40 characters left" });
  });

  it("counts emoji as one character each", () => {
    expect(characterCount(EMOJI.repeat(199), TITLE_MAX).label).toBe("1 character left");
    expect(characterCount(EMOJI.repeat(200), TITLE_MAX)).toEqual({ visible: true, over: false, label: "0 characters left" });
  });

  it("says how far over the limit the text is", () => {
    expect(characterCount(EMOJI.repeat(202), TITLE_MAX)).toEqual({ visible: true, over: true, label: "2 characters too many" });
    expect(characterCount("x".repeat(1001), DESCRIPTION_MAX).label).toBe("1 character too many");
  });
});

describe("bodies sent to Warden", () => {
  it("a new task carries the trimmed title, and a description only when there is one", () => {
    expect(toNewTask({ title: " Buy milk ", description: "  " })).toEqual({ title: "Buy milk" });
    expect(toNewTask({ title: "Buy milk", description: " 2 l " })).toEqual({ title: "Buy milk", description: "2 l" });
  });

  it("an edit that empties the description clears it", () => {
    expect(toChanges({ title: "Buy milk", description: " " })).toEqual({ title: "Buy milk", description: null });
    expect(toChanges({ title: " x ", description: "y" })).toEqual({ title: "x", description: "y" });
  });
});
