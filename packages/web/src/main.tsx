import './app/mantine-styles';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import '@fontsource/noto-nastaliq-urdu/arabic-700.css';
import './app/global.css';
import './i18n';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {/* The providers wait for the language's strings (the translator suspends): Preact, unlike React,
          needs a boundary above them to draw once they arrive. */}
      <Suspense fallback={null}>
        <App />
      </Suspense>
    </StrictMode>,
  );
}

// The service worker keeps the app shell for offline use. Registered once the page has loaded, so
// that fetching the files it keeps does not slow the first load on a slow link.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
