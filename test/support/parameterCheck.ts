// Checks a saved node's parameters against its node type's description, as the editor would read
// them: every name is a parameter shown for the node's other values (resource, operation, line
// source, …), and every literal value is one the field offers. Expressions (`={{ … }}`) are
// values chosen at run time; only a field that takes no expression is refused one.
import type {
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

type Values = Record<string, unknown>;

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');
const isObject = (value: unknown): value is Values =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

function optionValues(property: INodeProperties): unknown[] {
	return ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

/** What is wrong with one value of a property (an empty list when nothing is). */
function valueProblems(
	property: INodeProperties,
	value: unknown,
	at: string,
	root: INodeParameters,
	description: INodeTypeDescription,
): string[] {
	if (isExpression(value))
		return property.noDataExpression ? [`${at} takes no expression, got ${String(value)}`] : [];
	const wrong = (expected: string) => [`${at} must be ${expected}, got ${JSON.stringify(value)}`];
	switch (property.type) {
		case 'options':
			return optionValues(property).includes(value)
				? []
				: wrong(`one of ${JSON.stringify(optionValues(property))}`);
		case 'multiOptions':
			if (!Array.isArray(value)) return wrong('a list');
			return value
				.filter((entry) => !isExpression(entry) && !optionValues(property).includes(entry))
				.map(
					(entry) =>
						`${at} has ${JSON.stringify(entry)}, not one of ${JSON.stringify(optionValues(property))}`,
				);
		case 'boolean':
			return typeof value === 'boolean' ? [] : wrong('true or false');
		case 'number':
			return typeof value === 'number' ? [] : wrong('a number');
		case 'string':
		case 'dateTime':
		case 'json':
			return typeof value === 'string' ? [] : wrong('text');
		case 'resourceLocator': {
			if (!isObject(value) || value.__rl !== true) return wrong('a resource locator ({ __rl, mode, value })');
			const modes = (property.modes ?? []).map((mode) => mode.name);
			return modes.includes(value.mode as string) ? [] : wrong(`a locator in mode ${modes.join(' | ')}`);
		}
		case 'collection':
			return isObject(value)
				? parameterProblems(property.options as INodeProperties[], value, at, root, description)
				: wrong('an object');
		case 'fixedCollection':
			return isObject(value)
				? fixedCollectionProblems(property, value, at, root, description)
				: wrong('an object');
		default:
			return [`${at}: a ${property.type} field is not a saved parameter`];
	}
}

function fixedCollectionProblems(
	property: INodeProperties,
	value: Values,
	at: string,
	root: INodeParameters,
	description: INodeTypeDescription,
): string[] {
	const groups = property.options as INodePropertyCollection[];
	return Object.entries(value).flatMap(([name, entries]) => {
		const group = groups.find((candidate) => candidate.name === name);
		if (!group) return [`${at}.${name} is not one of ${groups.map((g) => g.name).join(', ')}`];
		const list = property.typeOptions?.multipleValues ? entries : [entries];
		if (!Array.isArray(list)) return [`${at}.${name} must be a list`];
		return list.flatMap((entry, index) =>
			isObject(entry)
				? parameterProblems(group.values, entry, `${at}.${name}[${index}]`, root, description)
				: [`${at}.${name}[${index}] must be an object`],
		);
	});
}

/**
 * Problems with `values` (a node's parameters, or a collection's value) read against `properties`.
 * `root` is the node's whole parameter set with its defaults, which `/name` display rules read;
 * `siblings` what plain display rules read (the root, or the collection's own value).
 */
function parameterProblems(
	properties: INodeProperties[],
	values: Values,
	at: string,
	root: INodeParameters,
	description: INodeTypeDescription,
	siblings: Values = values,
): string[] {
	return Object.entries(values).flatMap(([name, value]) => {
		const path = at ? `${at}.${name}` : name;
		const named = properties.filter((property) => property.name === name);
		if (named.length === 0) return [`${path} is not a parameter`];
		const shown = named.find((property) =>
			NodeHelpers.displayParameter(
				siblings as INodeParameters,
				property,
				{ typeVersion: 1 },
				description,
				root,
			),
		);
		if (!shown) return [`${path} is a parameter, but not shown with these values (${describe(root)})`];
		return valueProblems(shown, value, path, root, description);
	});
}

function describe(root: INodeParameters): string {
	return ['resource', 'operation', 'lineSource', 'collectionMethod']
		.filter((key) => root[key] !== undefined)
		.map((key) => `${key} ${String(root[key])}`)
		.join(', ');
}

/** Problems with a saved node's parameters, read with the defaults the editor fills in. */
export function nodeParameterProblems(
	description: INodeTypeDescription,
	parameters: INodeParameters,
): string[] {
	const node = { typeVersion: 1 };
	const root =
		NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ??
		parameters;
	return parameterProblems(description.properties, parameters, '', root, description, root);
}
