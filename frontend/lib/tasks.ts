import type { ApiClient } from "./api";

/** Warden's task, as sent over the wire (snake_case). */
export interface Task {
  id: number;
  title: string;
  description: string | null;
  completed: boolean;
  created_at: string;
  updated_at: string;
}

export interface TaskPage {
  items: Task[];
  page: number;
  size: number;
  total: number;
}

export type StatusFilter = "all" | "pending" | "completed";
export type SortKey = "created" | "title" | "updated";

export interface Me {
  user_id: string;
  email: string;
  name: string;
  exp: number;
  iss: string;
}

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 1000;

/** Typed calls to Warden's task endpoints, scoped to one user id (the JWT's sub). */
export class TasksApi {
  constructor(
    private readonly api: ApiClient,
    private readonly userId: string,
  ) {}

  private base(): string {
    return `/api/${encodeURIComponent(this.userId)}/tasks`;
  }

  me(): Promise<Me> {
    return this.api.get<Me>("/api/v1/me");
  }

  list(
    params: { status?: StatusFilter; sort?: SortKey; page?: number; size?: number } = {},
  ): Promise<TaskPage> {
    return this.api.get<TaskPage>(this.base(), {
      status: params.status ?? "all",
      sort: params.sort ?? "created",
      page: params.page ?? 1,
      size: params.size ?? 100,
    });
  }

  create(input: { title: string; description?: string }): Promise<Task> {
    const body: { title: string; description?: string } = { title: input.title };
    if (input.description) body.description = input.description;
    return this.api.post<Task>(this.base(), body);
  }

  update(
    id: number,
    changes: Partial<Pick<Task, "title" | "description" | "completed">>,
  ): Promise<Task> {
    return this.api.patch<Task>(`${this.base()}/${id}`, changes);
  }

  toggleComplete(id: number): Promise<Task> {
    return this.api.patch<Task>(`${this.base()}/${id}/complete`);
  }

  remove(id: number): Promise<void> {
    return this.api.delete(`${this.base()}/${id}`);
  }
}

/** Client-side check mirroring Warden's rules; returns an error message or null. */
export function validateTask(title: string, description: string): string | null {
  const t = title.trim();
  if (t.length === 0) return "Title is required.";
  if (t.length > TITLE_MAX) return `Title must be at most ${TITLE_MAX} characters.`;
  if (description.length > DESCRIPTION_MAX)
    return `Description must be at most ${DESCRIPTION_MAX} characters.`;
  return null;
}
