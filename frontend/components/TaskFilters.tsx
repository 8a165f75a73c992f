"use client";

import { STATUS_FILTERS, type StatusFilter } from "@/lib/task-types";

/** The status filter and the count, which is left blank while it is not known. */
export function TaskFilters({
  filter,
  total,
  onChange,
}: {
  filter: StatusFilter;
  total: number | null;
  onChange: (filter: StatusFilter) => void;
}) {
  return (
    <nav className="filters" aria-label="Filter tasks">
      {STATUS_FILTERS.map((f) => (
        <button
          key={f}
          type="button"
          data-testid={`filter-${f}`}
          className={f === filter ? "active" : ""}
          aria-pressed={f === filter}
          onClick={() => onChange(f)}
        >
          {f[0]!.toUpperCase() + f.slice(1)}
        </button>
      ))}
      <span className="muted count" data-testid="task-count">
        {total === null ? "" : `${total} task${total === 1 ? "" : "s"}`}
      </span>
    </nav>
  );
}
