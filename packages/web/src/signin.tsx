// The sign-in page the server sends to a visitor without a session (GET /login): the form, the
// translator and Mantine's parts for them, without the app's router, data cache or pages, so that it
// is usable sooner on a slow link (issue 9: 3 s at 400 kbit/s). Signed in, it opens the app at the
// address asked for; the app's own sign-in page (features/auth/LoginPage.tsx) serves the other cases.
import './app/mantine-styles';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import '@fontsource/noto-nastaliq-urdu/arabic-700.css';
import './app/global.css';
import './i18n';
import { lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { LoginBody } from '@hifazat/contract';
import { MantineShell } from './app/MantineShell';
import { SignInForm, safeNext } from './features/auth/SignInForm';
import { rememberUser } from './features/auth/lastUser';
import type { SecondFactorState } from './features/auth/SecondFactor';
import { api } from './lib/api';

// A case role's second step (enrolment or a code): fetched only when a sign-in asks for it.
const SecondFactor = lazy(() => import('./features/auth/SecondFactor'));

/** The app itself, at the address the visitor first asked for. */
const openApp = () => window.location.replace(safeNext(new URLSearchParams(window.location.search).get('next')));

function SignInPage() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [secondFactor, setSecondFactor] = useState<SecondFactorState | null>(null);
  const submit = async (body: LoginBody) => {
    setPending(true);
    setError(null);
    try {
      const result = await api.call('signIn', { body });
      if ('mfa' in result) {
        setSecondFactor(result.mfa);
        setPending(false);
        return;
      }
      rememberUser(result.user);
      openApp();
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };
  if (secondFactor) {
    return (
      <Suspense fallback={null}>
        <SecondFactor
          state={secondFactor}
          onDone={(user) => {
            if (user) rememberUser(user);
            openApp();
          }}
          onRestart={() => setSecondFactor(null)}
        />
      </Suspense>
    );
  }
  return <SignInForm pending={pending} error={error} onSubmit={(body) => void submit(body)} />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {/* The translator suspends until the reader's language has its strings. */}
      <Suspense fallback={null}>
        <MantineShell>
          <SignInPage />
        </MantineShell>
      </Suspense>
    </StrictMode>,
  );
}
