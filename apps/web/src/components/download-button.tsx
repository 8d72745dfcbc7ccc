import { useState } from 'preact/hooks';
import { apiBlob } from '../api/http';
import { ErrorNotice } from './error-notice';

/** Hands a Blob to the browser as a file download under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has certainly taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A button that downloads `path` as `filename`. The API needs the bearer token, which a plain link
 * cannot send, so the file is fetched and saved from memory.
 */
export function DownloadButton(props: { path: string; filename: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveBlob(await apiBlob(props.path), props.filename);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="action">
      <button type="button" onClick={download} disabled={busy} aria-describedby={`${props.filename}-hint`}>{props.label}</button>
      <span id={`${props.filename}-hint`} class="hint"> {props.filename}</span>
      <ErrorNotice error={error} />
    </span>
  );
}
