// The retrain panel wired to a backend; the Models screen renders it above the version list.

import { RetrainPanel } from './RetrainPanel';
import { useRetrain, type RetrainBackend } from './useRetrain';

export function RetrainSection({ backend, onReady }: { backend: RetrainBackend; onReady?: () => void }) {
  const { state, retrain, cancel } = useRetrain(backend, onReady);
  return <RetrainPanel state={state} onRetrain={retrain} onCancel={cancel} />;
}
