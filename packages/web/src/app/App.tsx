import { Suspense } from 'react';
import { RouterProvider } from 'react-router/dom';
import { PageLoader } from '../components/PageLoader';
import { Providers } from './providers';
import { router } from './routes';

export function App() {
  return (
    <Providers>
      <Suspense fallback={<PageLoader />}>
        <RouterProvider router={router} />
      </Suspense>
    </Providers>
  );
}
