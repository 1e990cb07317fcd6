import { TextInput } from '@mantine/core';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { AppModal } from './AppModal';

describe('AppModal', () => {
  it('puts the focus on its first field once open, not on the close button', async () => {
    renderWithProviders(
      <AppModal opened onClose={() => {}} title="New user">
        <TextInput label="Email" disabled data-testid="disabled-field" />
        <TextInput label="Name" data-testid="first-field" />
        <TextInput label="Role" data-testid="second-field" />
      </AppModal>,
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('first-field')));
  });
});
