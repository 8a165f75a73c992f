import type { ApiClient } from "./api";
import type { ListQuery, Me, NewTask, Task, TaskChanges, TaskPage } from "./task-types";

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

  list(query: ListQuery = {}): Promise<TaskPage> {
    return this.api.get<TaskPage>(this.base(), {
      status: query.status ?? "all",
      sort: query.sort ?? "created",
      page: query.page ?? 1,
      size: query.size ?? 100,
    });
  }

  create(input: NewTask): Promise<Task> {
    const body: NewTask = { title: input.title };
    if (input.description) body.description = input.description;
    return this.api.post<Task>(this.base(), body);
  }

  update(id: number, changes: TaskChanges): Promise<Task> {
    return this.api.patch<Task>(`${this.base()}/${id}`, changes);
  }

  toggleComplete(id: number): Promise<Task> {
    return this.api.patch<Task>(`${this.base()}/${id}/complete`);
  }

  /** `keepalive` lets the request outlive the page (a delete committed as the user leaves). */
  remove(id: number, options: { keepalive?: boolean } = {}): Promise<void> {
    return this.api.delete(`${this.base()}/${id}`, options);
  }
}
