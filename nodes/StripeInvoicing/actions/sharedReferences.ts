import { canonicalJson } from '../../shared/transport/idempotencyKey';
import type { Plan } from './operation';

export function describeRows(indexes: number[]): string {
	return indexes.length > 12
		? `${indexes.slice(0, 12).join(', ')} and ${indexes.length - 12} more`
		: indexes.join(', ');
}

export interface SharedReferenceProblem {
	itemIndex: number;
	field: string;
	message: string;
}

/** A row that passed prepare, where it is in the batch. */
export interface PlannedRow {
	itemIndex: number;
	plan: Plan;
}

/**
 * Rows of one batch that would share an idempotency key. Where a reference names a row's billing
 * event (Invoice & Collect), sharing it is an error: Stripe would bill once and both rows would
 * report the charge. Elsewhere rows may share a reference (an order's three items) as long as
 * they ask for different things: a row's keys come from its reference and its identity (what it
 * makes or acts on, not how much), so two rows with the same identity would share keys and Stripe
 * would do the second as a replay of the first. The first row of each group goes ahead; the others
 * are refused, naming the rows.
 */
export function sharedReferenceProblems(
	rows: PlannedRow[],
	referencePerRow: boolean,
): SharedReferenceProblem[] {
	const groups = new Map<string, PlannedRow[]>();
	for (const row of rows) {
		const reference = row.plan.scope.reference;
		if (reference === undefined) continue;
		const key = referencePerRow ? reference : `${reference}\u0000${canonicalJson(row.plan.identity ?? null)}`;
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	const problems: SharedReferenceProblem[] = [];
	for (const group of groups.values()) {
		if (group.length < 2) continue;
		const reference = group[0].plan.scope.reference!;
		const all = describeRows(group.map((row) => row.itemIndex));
		for (const { itemIndex } of group.slice(1)) {
			problems.push({
				itemIndex,
				field: referencePerRow ? 'Reference' : 'Reference (Idempotency)',
				message: referencePerRow
					? `"${reference}" is used by rows ${all} of this batch; a reference names one billing event, so give each row its own`
					: `"${reference}" is used by rows ${all} for the same request (the same object, whatever the amounts); they would share one idempotency key and Stripe would do it once. Tell them apart (a description, say) or give each row its own reference`,
			});
		}
	}
	return problems;
}
