// "Share": the link to the current scenario and Timeline position, and its
// QR code for students' phones. Loaded on demand (the QR encoder is not
// part of the first screen).

import { useEffect, useRef } from 'react';
import { QrCode } from './QrCode';

export default function ShareDialog({ url, onClose }: { url: string | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  return (
    <dialog ref={ref} className="share-dialog" aria-label="Share this scenario" onClose={onClose}>
      <h2>Share this scenario</h2>
      {url === null ? (
        <p>This scenario is too large for a link. Use “Export scenario” and share the file.</p>
      ) : (
        <>
          <label className="share-url">
            Link (opens this scenario at this moment)
            <input type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <QrCode text={url} label="QR code of the link to this scenario" />
        </>
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
