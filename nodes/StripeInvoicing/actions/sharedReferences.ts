import type { PreparedRow } from './operation';

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

function sameRequest(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Rows of one batch that share a reference. Where a reference names a row's billing event
 * (Invoice & Collect), sharing it is an error: Stripe would bill once and both rows would report
 * the charge. Elsewhere rows may share a reference (an order's three items), each getting its own
 * key, but not with the same request: Stripe would do that once, under-billing the copies.
 * The first row of each group goes ahead; the others are refused, naming the rows.
 */
export function sharedReferenceProblems(
	prepared: Array<PreparedRow | undefined>,
	referencePerRow: boolean,
): SharedReferenceProblem[] {
	const groups = new Map<string, number[]>();
	prepared.forEach((row, itemIndex) => {
		const reference = row?.scope.reference;
		if (reference !== undefined) groups.set(reference, [...(groups.get(reference) ?? []), itemIndex]);
	});
	const problems: SharedReferenceProblem[] = [];
	for (const [reference, rows] of groups) {
		if (rows.length < 2) continue;
		for (const [position, itemIndex] of rows.entries()) {
			if (position === 0) continue;
			const clashes = referencePerRow
				? rows.filter((other) => other !== itemIndex)
				: rows.filter(
						(other) =>
							other !== itemIndex && sameRequest(prepared[other]!.request, prepared[itemIndex]!.request),
					);
			if (clashes.length === 0) continue;
			const all = [...new Set([...clashes, itemIndex])].sort((a, b) => a - b);
			problems.push({
				itemIndex,
				field: referencePerRow ? 'Reference' : 'Reference (Idempotency)',
				message: referencePerRow
					? `"${reference}" is used by rows ${describeRows(all)} of this batch; a reference names one billing event, so give each row its own`
					: `"${reference}" is used by rows ${describeRows(all)} for the same request; Stripe would do it once. Give each row its own reference`,
			});
		}
	}
	return problems;
}
