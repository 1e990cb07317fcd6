import { lazy, Suspense, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageLoader } from '../../components/PageLoader';
import { keys } from '../../lib/queries';
import type { SecondFactorState } from './SecondFactor';
import { SignInForm, safeNext } from './SignInForm';
import { signedIn, useLogin, useMe } from './session';

// The second step of a case role's sign-in: fetched only when a sign-in asks for it.
const SecondFactor = lazy(() => import('./SecondFactor'));

/**
 * Sign-in inside the app: after signing out, when a session ends, or offline (the kept app shell).
 * A fresh visit to /login without a session gets the lighter page of src/signin.tsx instead.
 */
export default function LoginPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [secondFactor, setSecondFactor] = useState<SecondFactorState | null>(null);

  // The form is drawn while the session is being checked (not a loader): on a slow link it is usable a
  // round trip sooner, and a person already signed in is sent on as soon as the answer comes.
  if (me.data) return <Navigate to={next} replace />;
  if (secondFactor) {
    return (
      <Suspense fallback={<PageLoader />}>
        <SecondFactor
          state={secondFactor}
          onDone={(user) => {
            if (user) signedIn(queryClient, user);
            else void queryClient.invalidateQueries({ queryKey: keys.me });
            void navigate(next, { replace: true });
          }}
          onRestart={() => setSecondFactor(null)}
        />
      </Suspense>
    );
  }
  return (
    <SignInForm
      pending={login.isPending}
      error={login.error}
      onSubmit={(body) =>
        login.mutate(body, {
          onSuccess: (result) => {
            if ('mfa' in result) setSecondFactor(result.mfa);
            else void navigate(next, { replace: true });
          },
        })
      }
    />
  );
}
