import { useEffect, useState } from 'react';

/**
 * The submit of a form in a modal: busy while it runs, closes the modal when it succeeds, keeps the
 * server's message (in the user's language) when it fails; the message is cleared each time it opens.
 */
export function useModalSubmit(open: boolean, onClose: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
