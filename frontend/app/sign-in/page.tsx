import { redirect } from "next/navigation";
import { AuthForm } from "@/components/AuthForm";
import { getServerSession } from "@/lib/auth";
import { SESSION_ENDED_MESSAGE } from "@/lib/session-ended";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ expired?: string }>;
}) {
  const { expired } = await searchParams;
  // After the session ended (?expired=1) stay here even if a Better Auth
  // session still exists, so a misconfigured API cannot cause a loop.
  if (!expired && (await getServerSession())) redirect("/dashboard");
  return <AuthForm mode="sign-in" notice={expired ? SESSION_ENDED_MESSAGE : undefined} />;
}
