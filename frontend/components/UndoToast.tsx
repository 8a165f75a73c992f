"use client";

import { useEffect, useState } from "react";
import type { Task } from "@/lib/task-types";

/** How long a delete can be undone; the clock stops while the pointer or the focus is on the toast. */
export const UNDO_MS = 6000;

interface UndoToastProps {
  task: Task;
  onUndo: () => void;
  /** The undo period ended: send the delete. */
  onExpire: () => void;
}

export function UndoToast({ task, onUndo, onExpire }: UndoToastProps) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;

  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(onExpire, UNDO_MS);
    return () => clearTimeout(timer);
  }, [task.id, paused, onExpire]);

  return (
    <div
      className="toast"
      data-testid="undo-toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      <span className="toast-text">Deleted “{task.title}”.</span>
      <button type="button" className="link-button" data-testid="undo" onClick={onUndo}>
        Undo
      </button>
    </div>
  );
}
