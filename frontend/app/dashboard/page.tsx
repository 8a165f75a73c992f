import { getSessionCookie } from "better-auth/cookies";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Dashboard } from "@/components/Dashboard";
import { getServerSession } from "@/lib/auth";
import { SESSION_ENDED_URL } from "@/lib/session-ended";

export default async function DashboardPage() {
  const session = await getServerSession();
  if (!session) {
    // A session cookie that names no live session: it expired or was revoked (e.g. signed out everywhere
    // from another device). Say so, rather than showing the sign-in page as if nothing had happened.
    redirect(getSessionCookie(await headers()) ? SESSION_ENDED_URL : "/sign-in");
  }
  // user.id is the JWT's `sub` (definePayload in lib/auth-options.ts), i.e.
  // the {userId} of Warden's paths.
  return (
    <Dashboard
      user={{ id: session.user.id, email: session.user.email, name: session.user.name }}
    />
  );
}
