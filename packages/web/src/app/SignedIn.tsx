import { lazy, Suspense, useState } from 'react';
import { useNotifications } from '@mantine/notifications';
import './mantine-app-styles';
import { AppLayout } from './AppLayout';

const Toasts = lazy(() => import('./Toasts'));

/**
 * Shows the pages' messages (notifications.show). The store keeps them until the component that
 * draws them is there, so that component is fetched with the first message, not with every page.
 */
function DeferredToasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  return needed ? (
    <Suspense fallback={null}>
      <Toasts />
    </Suspense>
  ) : null;
}

/** What every signed-in page shares and the sign-in page never needs, in one lazy chunk (routes.tsx). */
export default function SignedIn() {
  return (
    <>
      <DeferredToasts />
      <AppLayout />
    </>
  );
}
