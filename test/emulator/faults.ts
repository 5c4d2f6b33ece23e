// Fault injection by rule: lets tests and benchmarks break chosen requests (dropped connections,
// 500s, 429s) to prove that a client retries safely and never charges twice.
import { maskKey } from './auth';
import type { FaultAction, FaultHandle, FaultRule } from './types';

export const FAULT_ACTIONS: readonly FaultAction[] = [
	'drop_after_commit',
	'drop_before',
	'error_500',
	'rate_limit_429',
];

interface ActiveRule {
	id: string;
	rule: FaultRule;
	method: string | undefined;
	pattern: RegExp;
	/** Fire on this match only... */
	nth: number | undefined;
	/** ...or on every match from this one on. */
	from: number | undefined;
	matches: number;
	injected: number;
}

/** '/v1/invoices/*\/pay' -> /^\/v1\/invoices\/[^/]+\/pay$/ (a `*` is exactly one path segment). */
export function pathPattern(path: string | RegExp): RegExp {
	if (path instanceof RegExp) return path;
	const escaped = path.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${escaped.join('[^/]+')}$`);
}

function positiveInt(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new Error(`Fault rule: ${name} must be a positive integer`);
	}
	return value;
}

/** Checks a rule (possibly from JSON) and returns a copy; throws an Error saying what is wrong. */
export function validateFaultRule(input: unknown): FaultRule {
	if (!input || typeof input !== 'object') throw new Error('Fault rule must be an object');
	// JSON clients may send null for "not set".
	const raw = Object.fromEntries(
		Object.entries(input as Record<string, unknown>).filter(([, value]) => value !== null),
	);
	const { method, path, every, apiKey, action } = raw;
	if (!(path instanceof RegExp) && (typeof path !== 'string' || !path.startsWith('/'))) {
		throw new Error("Fault rule: path must be a pattern starting with '/' (or a RegExp)");
	}
	if (typeof action !== 'string' || !FAULT_ACTIONS.includes(action as FaultAction)) {
		throw new Error(`Fault rule: action must be one of ${FAULT_ACTIONS.join(', ')}`);
	}
	if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))) {
		throw new Error('Fault rule: method must be an HTTP method name');
	}
	if (every !== undefined && typeof every !== 'boolean')
		throw new Error('Fault rule: every must be a boolean');
	if (apiKey !== undefined && typeof apiKey !== 'string')
		throw new Error('Fault rule: apiKey must be a string');
	const nth = positiveInt(raw.nth, 'nth');
	const from = positiveInt(raw.from, 'from');
	if (
		raw.times !== undefined &&
		(typeof raw.times !== 'number' || !Number.isInteger(raw.times) || raw.times < 0)
	) {
		throw new Error('Fault rule: times must be a non-negative integer');
	}
	if (nth !== undefined && (every || from !== undefined)) {
		throw new Error('Fault rule: use either nth or every/from, not both');
	}
	return {
		method: method?.toUpperCase(),
		path,
		nth,
		from,
		every: every as boolean | undefined,
		times: raw.times as number | undefined,
		apiKey: apiKey as string | undefined,
		action: action as FaultAction,
	};
}

/**
 * Parses the CLI form "<METHOD> <path-pattern> <action> [nth=N|every|from=N] [times=N]".
 * METHOD may be `*` or `ANY` for any method.
 */
export function parseFaultSpec(spec: string): FaultRule {
	const [method, path, action, ...options] = spec.trim().split(/\s+/);
	if (!method || !path || !action) {
		throw new Error(`Fault "${spec}": expected "<METHOD> <path-pattern> <action> [options]"`);
	}
	const rule: Record<string, unknown> = {
		method: method === '*' || method.toUpperCase() === 'ANY' ? undefined : method,
		path,
		action,
	};
	for (const option of options) {
		const [name, value] = option.split('=');
		if (name === 'every' && value === undefined) rule.every = true;
		else if (['nth', 'from', 'times'].includes(name) && value !== undefined && /^\d+$/.test(value)) {
			rule[name] = Number(value);
		} else throw new Error(`Fault "${spec}": unknown option ${option}`);
	}
	return validateFaultRule(rule);
}

export class FaultSet {
	private rules: ActiveRule[] = [];
	private nextId = 1;

	add(input: FaultRule): FaultHandle {
		const rule = validateFaultRule(input);
		const repeating = rule.every === true || rule.from !== undefined;
		const active: ActiveRule = {
			id: `fault_${this.nextId++}`,
			rule,
			method: rule.method,
			pattern: pathPattern(rule.path),
			nth: repeating ? undefined : (rule.nth ?? 1),
			from: repeating ? (rule.from ?? 1) : undefined,
			matches: 0,
			injected: 0,
		};
		this.rules.push(active);
		return {
			id: active.id,
			get matches() {
				return active.matches;
			},
			get injected() {
				return active.injected;
			},
			remove: () => {
				this.remove(active.id);
			},
		};
	}

	remove(id: string): boolean {
		const before = this.rules.length;
		this.rules = this.rules.filter((r) => r.id !== id);
		return this.rules.length !== before;
	}

	clear(): void {
		this.rules = [];
	}

	/**
	 * Counts the request against every rule it matches and returns the action of the first one (in the
	 * order added) that fires; later rules still count the match but do not fire.
	 */
	evaluate(method: string, path: string, apiKey: string): FaultAction | undefined {
		let fired: FaultAction | undefined;
		for (const active of this.rules) {
			if (active.method !== undefined && active.method !== method) continue;
			if (active.rule.apiKey !== undefined && active.rule.apiKey !== apiKey) continue;
			// search() ignores lastIndex, so a /g RegExp behaves the same on every request.
			if (path.search(active.pattern) === -1) continue;
			active.matches += 1;
			if (fired !== undefined) continue;
			const { times } = active.rule;
			if (times !== undefined && active.injected >= times) continue;
			const fires = active.from !== undefined ? active.matches >= active.from : active.matches === active.nth;
			if (!fires) continue;
			active.injected += 1;
			fired = active.rule.action;
		}
		return fired;
	}

	/** For GET /_emulator/faults; API keys are masked like Stripe does. */
	describe(): Array<Record<string, unknown>> {
		return this.rules.map((r) => ({
			id: r.id,
			method: r.method ?? null,
			path: String(r.rule.path),
			action: r.rule.action,
			nth: r.nth ?? null,
			from: r.from ?? null,
			times: r.rule.times ?? null,
			apiKey: r.rule.apiKey === undefined ? null : maskKey(r.rule.apiKey),
			matches: r.matches,
			injected: r.injected,
		}));
	}
}
