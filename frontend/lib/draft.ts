import type { TaskFormValues } from "./task-validation";

/**
 * The new task being typed, kept in this tab's sessionStorage so that neither a reload nor an ended session
 * (sign in again) loses it. Keyed by user, so another account signing in on this tab never sees it; removed
 * once the task is added, and on sign-out. It is the user's own text, never a credential.
 */
const PREFIX = "warden.draft.";

function sessionStore(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null; // storage disabled: drafts just do not survive
  }
}

export function loadDraft(userId: string, store = sessionStore()): TaskFormValues | null {
  const raw = store?.getItem(PREFIX + userId);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TaskFormValues>;
    return { title: typeof v.title === "string" ? v.title : "", description: typeof v.description === "string" ? v.description : "" };
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, values: TaskFormValues, store = sessionStore()): void {
  try {
    if (values.title === "" && values.description === "") store?.removeItem(PREFIX + userId);
    else store?.setItem(PREFIX + userId, JSON.stringify(values));
  } catch {
    // quota exceeded: the draft is a convenience, the form still holds it
  }
}

/** Forgets every user's draft (sign-out). */
export function clearDrafts(store = sessionStore()): void {
  if (!store) return;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) store.removeItem(k);
}
