import { Modal, type ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** A modal that fills the screen on a phone. */
export function AppModal(props: ModalProps) {
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  return <Modal fullScreen={phone} {...props} />;
}
