// zod probes for eval with `new Function('')` (to compile fast object parsers): under the UI's CSP
// (script-src 'self', no 'unsafe-eval') that is a reported violation. Jitless mode never probes.
// main.tsx imports this module first, before the contract's schemas are built.
import { config } from 'zod';

config({ jitless: true });
