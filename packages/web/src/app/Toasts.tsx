import { Notifications } from '@mantine/notifications';
import '@mantine/core/styles/Notification.css';
import '@mantine/notifications/styles.css';

/** Mantine's notifications, with their styles: a chunk of their own, loaded at the first message (SignedIn.tsx). */
export default function Toasts() {
  return <Notifications position="top-center" />;
}
