/**
 * Runs once when the Next.js server starts (not during `next build`).
 * The Node-only work lives in lib/startup.ts (see there): config check
 * (BETTER_AUTH_SECRET long enough, ...) and the idempotent auth DB migration.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/startup");
    await onServerStart();
  }
}
