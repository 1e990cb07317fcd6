import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm, safeNext } from './SignInForm';
import { useLogin, useMe } from './session';

/**
 * Sign-in inside the app: after signing out, when a session ends, or offline (the kept app shell).
 * A fresh visit to /login without a session gets the lighter page of src/signin.tsx instead.
 */
export default function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  // The form is drawn while the session is being checked (not a loader): on a slow link it is usable a
  // round trip sooner, and a person already signed in is sent on as soon as the answer comes.
  if (me.data) return <Navigate to={next} replace />;
  return (
    <SignInForm
      pending={login.isPending}
      error={login.error}
      onSubmit={(body) => login.mutate(body, { onSuccess: () => void navigate(next, { replace: true }) })}
    />
  );
}
