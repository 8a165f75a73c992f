import { redirect } from "next/navigation";
import { Dashboard } from "@/components/Dashboard";
import { getServerSession } from "@/lib/auth";

export default async function DashboardPage() {
  const session = await getServerSession();
  if (!session) redirect("/sign-in");
  // user.id is the JWT's `sub` (definePayload in lib/auth-options.ts), i.e.
  // the {userId} of Warden's paths.
  return (
    <Dashboard
      user={{ id: session.user.id, email: session.user.email, name: session.user.name }}
    />
  );
}
