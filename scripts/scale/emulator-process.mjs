// The Stripe emulator in a process of its own (run.mjs starts it): at 50 signed deliveries a second
// its work would otherwise share one event loop with the driver that schedules them.
// Prints "EMULATOR_URL <url>"; stops on SIGTERM or when its stdin closes.
import { runCleanups, startStripeEmulator } from '../e2e/lib.mjs';

const emulator = await startStripeEmulator();
console.log(`EMULATOR_URL ${emulator.url}`);
const stop = () => runCleanups().finally(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
