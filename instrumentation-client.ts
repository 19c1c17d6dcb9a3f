import { z } from 'zod';

// Runs in the browser before the app's own code. Zod 4 probes `new Function` to decide whether to compile
// faster parsers; under the Content-Security-Policy (no 'unsafe-eval', proxy.ts) the probe is refused and
// reported as a violation. Without JIT, Zod parses exactly as it does after that refusal, just without the noise.
z.config({ jitless: true });
