import { redirect } from "next/navigation";
import { AuthForm } from "@/components/AuthForm";
import { getServerSession } from "@/lib/auth";

export default async function SignUpPage() {
  if (await getServerSession()) redirect("/dashboard");
  return <AuthForm mode="sign-up" />;
}
