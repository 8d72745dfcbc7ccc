import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/app';

const listeners = new Set<() => void>();

/** Moves to a page of the app without reloading it. */
export function navigate(path: string): void {
  history.pushState(null, '', `${BASE}${path}`);
  listeners.forEach((listener) => listener());
}

/** The path below /app/ and the query, re-rendering on navigation (links, back and forward). */
export function useLocation(): { path: string; params: URLSearchParams } {
  const read = () => ({ path: location.pathname.slice(BASE.length) || '/', params: new URLSearchParams(location.search) });
  const [where, setWhere] = useState(read);
  useEffect(() => {
    const update = () => setWhere(read());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return where;
}

/** A real link (keyboard, middle-click and "copy link" work), handled in the page when clicked plainly. */
export function Link(props: { href: string; children: ComponentChildren; current?: boolean }) {
  return (
    <a
      href={`${BASE}${props.href}`}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
