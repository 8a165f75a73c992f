import { redirect } from "next/navigation";
import { AuthForm } from "@/components/AuthForm";
import { getServerSession } from "@/lib/auth";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ expired?: string }>;
}) {
  const { expired } = await searchParams;
  // After Warden refused the token (?expired=1) stay here even if the Better
  // Auth session still exists, so a misconfigured API cannot cause a loop.
  if (!expired && (await getServerSession())) redirect("/dashboard");
  return <AuthForm mode="sign-in" notice={expired ? "Your session has expired. Please sign in again." : undefined} />;
}
