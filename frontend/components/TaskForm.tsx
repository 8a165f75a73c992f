"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import {
  DESCRIPTION_MAX,
  EMPTY_TASK,
  TITLE_MAX,
  characterCount,
  validateTask,
  type TaskField,
  type TaskFieldErrors,
  type TaskFormValues,
} from "@/lib/task-validation";

interface TaskFormProps {
  mode: "create" | "edit";
  /** Prefix of the fields' test ids: `${testId}-title`, `${testId}-description`. */
  testId: string;
  initial: TaskFormValues;
  /** Resolves true when the task was saved (a create form then empties itself). */
  onSubmit: (values: TaskFormValues) => Promise<boolean> | boolean;
  onChange?: (values: TaskFormValues) => void;
  onCancel?: () => void;
  /** Focus the title when the form appears (an editor opening). */
  autoFocus?: boolean;
  /** Names the task being edited in the fields' labels. */
  taskTitle?: string;
}

/** The one task form: adding a task and editing one, with the checks and counters Warden's limits call for. */
export function TaskForm({ mode, testId, initial, onSubmit, onChange, onCancel, autoFocus, taskTitle }: TaskFormProps) {
  const id = useId();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<TaskFieldErrors>({});
  const [tried, setTried] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (autoFocus) titleRef.current?.focus();
  }, [autoFocus]);

  function set(field: TaskField, value: string) {
    const next = { ...values, [field]: value };
    setValues(next);
    // After a refused submit the messages follow the typing, so they go away once fixed.
    if (tried) setErrors(validateTask(next));
    onChange?.(next);
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    const problems = validateTask(values);
    setErrors(problems);
    setTried(true);
    if (problems.title) return titleRef.current?.focus();
    if (problems.description) return descriptionRef.current?.focus();
    setSubmitting(true);
    const saved = await onSubmit(values);
    setSubmitting(false);
    if (saved && mode === "create") {
      setValues(EMPTY_TASK);
      setTried(false);
      onChange?.(EMPTY_TASK);
      titleRef.current?.focus(); // ready for the next one
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
    if (e.key === "Escape" && onCancel) {
      e.preventDefault();
      onCancel();
    }
  }

  const creating = mode === "create";
  const of = taskTitle ? ` of “${taskTitle}”` : "";
  return (
    <form
      className={creating ? "task-form create" : "task-form edit"}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      data-testid={`${testId}-form`}
    >
      <Field
        id={`${id}-title`}
        testId={`${testId}-title`}
        label={creating ? "New task" : "Title"}
        accessibleLabel={creating ? undefined : `Title${of}`}
        value={values.title}
        max={TITLE_MAX}
        error={errors.title}
        onChange={(v) => set("title", v)}
        control={(props) => (
          <input
            {...props}
            ref={titleRef}
            data-focus="title"
            autoComplete="off"
            placeholder={creating ? "What needs doing?" : undefined}
          />
        )}
      />
      <Field
        id={`${id}-description`}
        testId={`${testId}-description`}
        label="Details (optional)"
        accessibleLabel={creating ? undefined : `Details${of} (optional)`}
        value={values.description}
        max={DESCRIPTION_MAX}
        error={errors.description}
        onChange={(v) => set("description", v)}
        control={(props) => <textarea {...props} ref={descriptionRef} rows={2} />}
      />
      <div className="form-actions">
        {onCancel && (
          <button type="button" className="secondary" data-testid={`${testId}-cancel`} onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" data-testid={`${testId}-submit`} aria-disabled={submitting || undefined}>
          {creating ? (submitting ? "Adding…" : "Add task") : "Save"}
        </button>
      </div>
    </form>
  );
}

interface ControlProps {
  id: string;
  value: string;
  "data-testid": string;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string;
  "aria-label": string | undefined;
  onChange: (e: { target: { value: string } }) => void;
}

interface FieldProps {
  id: string;
  testId: string;
  label: string;
  accessibleLabel?: string;
  value: string;
  max: number;
  error?: string;
  onChange: (value: string) => void;
  control: (props: ControlProps) => ReactNode;
}

/** A labelled field with its counter (near the limit) and its message (after a refused submit). */
function Field({ id, testId, label, accessibleLabel, value, max, error, onChange, control }: FieldProps) {
  const count = characterCount(value, max);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        value,
        "data-testid": testId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": `${id}-count ${id}-error`,
        "aria-label": accessibleLabel,
        onChange: (e) => onChange(e.target.value),
      })}
      <div className="field-notes">
        <span id={`${id}-error`} className="field-error" data-testid={`${testId}-error`}>
          {error}
        </span>
        <span
          id={`${id}-count`}
          className={count.over ? "counter over" : "counter"}
          data-testid={`${testId}-count`}
          aria-live="polite"
        >
          {count.visible ? count.label : ""}
        </span>
      </div>
    </div>
  );
}
