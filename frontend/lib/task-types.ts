/** Warden's task API on the wire (snake_case, as Warden sends and accepts it). */

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

/** Warden's `status` values, in the order the dashboard offers them. */
export const STATUS_FILTERS = ["all", "pending", "completed"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type SortKey = "created" | "title" | "updated";

export interface ListQuery {
  status?: StatusFilter;
  sort?: SortKey;
  page?: number;
  size?: number;
}

/** Body of POST /api/{userId}/tasks: no description key when there is none. */
export interface NewTask {
  title: string;
  description?: string;
}

/** Body of PATCH /api/{userId}/tasks/{id}: only the keys sent change; a null description clears it. */
export type TaskChanges = Partial<Pick<Task, "title" | "description" | "completed">>;

export interface Me {
  user_id: string;
  email: string;
  name: string;
  exp: number;
  iss: string;
}
