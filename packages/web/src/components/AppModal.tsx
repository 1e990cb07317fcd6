import { Modal, type ModalProps } from '@mantine/core';
import { usePhone } from '../lib/media';

/** A modal that fills the screen on a phone. */
export function AppModal(props: ModalProps) {
  const phone = usePhone();
  return <Modal fullScreen={phone} {...props} />;
}
