"use client";

import { useEffect, useRef, useState } from "react";
import { TaskForm } from "@/components/TaskForm";
import type { Task } from "@/lib/task-types";
import type { TaskFormValues } from "@/lib/task-validation";

interface TaskItemProps {
  task: Task;
  busy: boolean;
  onToggle: (task: Task) => void;
  /** Resolves false when Warden refused the change (the row is back as it was). */
  onSave: (task: Task, values: TaskFormValues) => Promise<boolean>;
  onDelete: (task: Task) => void;
}

/**
 * One task: its checkbox, title and details, and its actions, each named after the task so a screen-reader
 * user can tell the rows apart; or, while editing, the task form. A save closes the editor at once; if Warden
 * refuses it, the editor opens again with what was typed.
 */
export function TaskItem({ task, busy, onToggle, onSave, onDelete }: TaskItemProps) {
  const [editing, setEditing] = useState<TaskFormValues | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Closing the editor (saved or cancelled) puts focus back on the button that opened it.
  useEffect(() => {
    if (wasEditing.current && editing === null) editButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  async function save(values: TaskFormValues): Promise<boolean> {
    setEditing(null);
    const saved = await onSave(task, values);
    if (!saved) setEditing(values);
    return saved;
  }

  return (
    <li
      data-testid="task-item"
      data-task-id={task.id}
      data-completed={task.completed ? "true" : "false"}
      className={task.completed ? "done" : undefined}
      aria-busy={busy || undefined}
    >
      {editing ? (
        <TaskForm
          mode="edit"
          testId="edit"
          initial={editing}
          taskTitle={task.title}
          autoFocus
          onSubmit={save}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <>
          <input
            type="checkbox"
            className="check"
            data-testid="task-toggle"
            data-focus="toggle"
            checked={task.completed}
            onChange={() => onToggle(task)}
            aria-label={`Mark “${task.title}” as completed`}
          />
          <div className="body">
            <span className="title" data-testid="task-title">
              {task.title}
            </span>
            {task.description && (
              <span className="desc" data-testid="task-description">
                {task.description}
              </span>
            )}
          </div>
          <div className="actions">
            <button
              ref={editButton}
              type="button"
              className="secondary"
              data-testid="task-edit"
              aria-label={`Edit “${task.title}”`}
              onClick={() => setEditing({ title: task.title, description: task.description ?? "" })}
            >
              Edit
            </button>
            <button
              type="button"
              className="danger"
              data-testid="task-delete"
              data-focus="delete"
              aria-label={`Delete “${task.title}”`}
              onClick={() => onDelete(task)}
            >
              Delete
            </button>
          </div>
        </>
      )}
    </li>
  );
}
