import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { formatMoney } from '../../shared/currency';
import { dashboardUrl, STRIPE_OBJECTS } from '../../shared/stripeObjects';
import { StripeClient } from '../../shared/transport/stripeClient';
import type { StripeCustomer, StripeInvoice, StripeInvoiceItem } from '../../shared/transport/types';
import { quoteSearchValue } from '../../shared/transport/searchQuery';
import { endpoints } from '../../shared/transport/endpoints';
import type { StripePath } from '../../shared/transport/stripePath';

const PAGE_SIZE = 50;

interface CustomerListing extends StripeCustomer {
	name: string | null;
	email: string | null;
}

async function page<T extends { id: string }>(
	ctx: ILoadOptionsFunctions,
	path: StripePath,
	params: object,
	token?: string,
): Promise<{ data: T[]; nextToken?: string }> {
	return await new StripeClient(ctx).pageAt<T>(path, params, token, PAGE_SIZE);
}

/** Stripe search when the person typed something, else the newest objects from the list endpoint. */
async function searchOrList<T extends { id: string }>(
	ctx: ILoadOptionsFunctions,
	paths: { list: StripePath; search: StripePath },
	query: string | undefined,
	paginationToken?: string,
): Promise<{ data: T[]; nextToken?: string }> {
	return query
		? await page<T>(ctx, paths.search, { query }, paginationToken)
		: await page<T>(ctx, paths.list, {}, paginationToken);
}

/** Customers by name or email (Stripe search), or the newest customers when nothing is typed. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim();
	const query = text ? `name~${quoteSearchValue(text)} OR email~${quoteSearchValue(text)}` : undefined;
	const list = await searchOrList<CustomerListing>(
		this,
		{ list: endpoints.customers, search: endpoints.customerSearch },
		query,
		paginationToken,
	);
	const results: INodeListSearchItems[] = list.data.map((customer) => ({
		name: [customer.name, customer.email].filter(Boolean).join(' · ') || customer.id,
		value: customer.id,
		url: dashboardUrl(STRIPE_OBJECTS.customer, customer.id, customer.livemode),
	}));
	return { results, paginationToken: list.nextToken };
}

/** Invoices by number (Stripe search), or the newest invoices when nothing is typed. */
export async function searchInvoices(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim();
	const query = text ? `number~${quoteSearchValue(text)}` : undefined;
	const list = await searchOrList<StripeInvoice>(
		this,
		{ list: endpoints.invoices, search: endpoints.invoiceSearch },
		query,
		paginationToken,
	);
	const results: INodeListSearchItems[] = list.data.map((invoice) => ({
		name: `${invoice.number ?? 'Draft'} · ${invoice.status ?? ''} · ${formatMoney(invoice.total, invoice.currency)}`,
		value: invoice.id,
		url: dashboardUrl(STRIPE_OBJECTS.invoice, invoice.id, invoice.livemode),
	}));
	return { results, paginationToken: list.nextToken };
}

/** The newest invoice items; Stripe has no search for them, so a filter matches the description. */
export async function searchInvoiceItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const list = await page<StripeInvoiceItem>(this, endpoints.invoiceItems, {}, paginationToken);
	const text = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = list.data
		.filter(
			(item) => !text || (item.description ?? '').toLowerCase().includes(text) || item.id.includes(text),
		)
		.map((item) => ({
			name: `${item.description ?? item.id} · ${formatMoney(item.amount, item.currency)}`,
			value: item.id,
		}));
	return { results, paginationToken: list.nextToken };
}
