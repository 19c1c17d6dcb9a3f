import { LoadingState } from '@/components/ui/loading-state';

export default LoadingState;
