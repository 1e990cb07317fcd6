import { Modal, type ModalProps } from '@mantine/core';
import { usePhone } from '../lib/media';

const FIRST_FIELD = 'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), select:not([disabled])';

/**
 * Marks the first field of the modal's body for Mantine's focus trap, which focuses a
 * `data-autofocus` element when it opens (otherwise the close button: on a phone, one more tap before
 * anyone can type). Runs as the body mounts, before the trap looks.
 */
function markFirstField(body: HTMLDivElement | null): void {
  const field = body?.querySelector<HTMLElement>(FIRST_FIELD);
  if (field && !body?.querySelector('[data-autofocus]')) field.setAttribute('data-autofocus', '');
}

/** A modal that fills the screen on a phone and opens with the focus on its first field. */
export function AppModal({ children, ...props }: ModalProps) {
  const phone = usePhone();
  return (
    <Modal fullScreen={phone} {...props}>
      <div ref={markFirstField}>{children}</div>
    </Modal>
  );
}
