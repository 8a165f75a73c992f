import type { NewTask, TaskChanges } from "./task-types";

/**
 * The rules Warden applies to a task (dev.warden.tasks.TaskTitle, TaskDescription): lengths in characters as a person
 * counts them (Unicode code points, so an emoji is one), a title of 1–200 that is not only whitespace,
 * a description of at most 1000. The browser checks them first so the user gets a message by the field
 * instead of a refusal; what is checked is what is sent: the trimmed text.
 */
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;

/** What the task form holds, as typed. */
export interface TaskFormValues {
  title: string;
  description: string;
}

export const EMPTY_TASK: TaskFormValues = { title: "", description: "" };

export type TaskField = keyof TaskFormValues;
export type TaskFieldErrors = Partial<Record<TaskField, string>>;

/** Length in Unicode code points, as Java's String.codePointCount (not UTF-16 units, as String.length). */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The problems with the values, by field; an empty object when Warden would accept them. */
export function validateTask(values: TaskFormValues): TaskFieldErrors {
  const errors: TaskFieldErrors = {};
  const title = values.title.trim();
  if (title === "") {
    errors.title = values.title === "" ? "Enter a title." : "Enter a title: spaces alone do not count.";
  } else if (textLength(title) > TITLE_MAX) {
    errors.title = `Title is ${plural(textLength(title) - TITLE_MAX, "character")} too long (${TITLE_MAX} at most).`;
  }
  const description = textLength(values.description.trim());
  if (description > DESCRIPTION_MAX) {
    errors.description = `Description is ${plural(description - DESCRIPTION_MAX, "character")} too long (${DESCRIPTION_MAX} at most).`;
  }
  return errors;
}

/** Share of the limit from which the counter shows. */
const COUNTER_FROM = 0.8;

/** The counter by a field: hidden until the text nears the limit, then what is left or how far over it is. */
export function characterCount(text: string, max: number): { visible: boolean; over: boolean; label: string } {
  const used = textLength(text.trim());
  const left = max - used;
  return {
    visible: used >= max * COUNTER_FROM,
    over: left < 0,
    label: left < 0 ? `${plural(-left, "character")} too many` : `${plural(left, "character")} left`,
  };
}

/** The body that creates the task (valid values assumed). */
export function toNewTask(values: TaskFormValues): NewTask {
  const description = values.description.trim();
  return description ? { title: values.title.trim(), description } : { title: values.title.trim() };
}

/** The changes that make a task match the values; an emptied description is cleared. */
export function toChanges(values: TaskFormValues): Required<Pick<TaskChanges, "title" | "description">> {
  const description = values.description.trim();
  return { title: values.title.trim(), description: description === "" ? null : description };
}
