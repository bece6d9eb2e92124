import '@mantine/core/styles.css';
import './app/app.css';
import './i18n';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app/App';
import { theme } from './app/theme';
import { applyLanguage } from './i18n';

const queryClient = new QueryClient({
  defaultOptions: {
    // 'always': the server is often on a LAN without internet, where the browser reports
    // itself offline; requests to our own origin should still go out.
    queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: true, networkMode: 'always' },
    mutations: { networkMode: 'always' },
  },
});

const initial = applyLanguage(localStorage.getItem('frontline.locale') ?? navigator.language);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DirectionProvider initialDirection={initial.dir} detectDirection>
      <MantineProvider theme={theme}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
