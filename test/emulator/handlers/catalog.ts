// Products, prices and tax rates: just enough catalogue for invoice items.
import { invalidRequest, missingParam, noSuch, exclusiveParams } from '../api-error';
import { parseCurrency } from '../currencies';
import { applyMetadata, bool, expandList, int, metadataPatch, obj, str } from '../param-readers';
import { p } from '../param-schema';
import { serializePrice, serializeProduct, serializeTaxRate } from '../render';
import { newId, nowSeconds } from '../ids';
import type { RouteDef } from '../routing';
import { checkTaxCode } from './tax-rates';

export const catalogRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/products',
		object: 'product',
		schema: {
			fields: {
				name: p.string(),
				description: p.string(),
				active: p.bool(),
				metadata: p.metadata(),
				tax_code: p.string(),
				expand: p.expand(),
			},
			required: ['name'],
		},
		handle({ account, params }) {
			const product = account.addProduct(str(params, 'name') ?? '', {
				description: str(params, 'description'),
				active: bool(params, 'active') ?? true,
				metadata: applyMetadata({}, metadataPatch(params)),
				taxCode: checkTaxCode(str(params, 'tax_code'), 'tax_code'),
			});
			return serializeProduct(account, product, expandList(params));
		},
	},
	{
		method: 'GET',
		path: '/v1/products/:id',
		object: 'product',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id, params }) {
			const product = account.products.get(id);
			if (!product) throw noSuch('product', id, 'id', true);
			return serializeProduct(account, product, expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/prices',
		object: 'price',
		schema: {
			fields: {
				currency: p.string(),
				unit_amount: p.int(0, 99999999),
				unit_amount_decimal: p.decimal(),
				product: p.string(),
				product_data: p.object({ name: p.string(), metadata: p.metadata() }, ['name']),
				active: p.bool(),
				nickname: p.string(),
				tax_behavior: p.oneOf('exclusive', 'inclusive', 'unspecified'),
				metadata: p.metadata(),
				expand: p.expand(),
			},
			required: ['currency'],
		},
		handle({ account, params }) {
			const currency = parseCurrency(str(params, 'currency') ?? '', 'currency');
			const unitAmount = int(params, 'unit_amount');
			const unitDecimal = str(params, 'unit_amount_decimal');
			if (unitAmount != null && unitDecimal != null)
				throw exclusiveParams(['unit_amount', 'unit_amount_decimal']);
			if (unitAmount == null && unitDecimal == null) throw missingParam('unit_amount');
			const productId = str(params, 'product');
			const productData = obj(params, 'product_data');
			if (productId && productData) throw exclusiveParams(['product', 'product_data']);
			if (!productId && !productData) {
				throw invalidRequest('You must specify either `product` or `product_data` when creating a price.', {
					param: 'product',
				});
			}
			if (productId && !account.products.has(productId)) throw noSuch('product', productId, 'product', false);
			const product =
				productId ??
				account.addProduct(str(productData ?? {}, 'name') ?? '', {
					metadata: applyMetadata({}, metadataPatch(productData ?? {})),
				}).id;
			const price = account.addPrice({
				currency,
				unitAmountDecimal: unitDecimal ?? String(unitAmount),
				product,
				active: bool(params, 'active') ?? true,
				nickname: str(params, 'nickname') ?? null,
				taxBehavior: str(params, 'tax_behavior') ?? 'unspecified',
				metadata: applyMetadata({}, metadataPatch(params)),
			});
			return serializePrice(account, price, expandList(params));
		},
	},
	{
		method: 'GET',
		path: '/v1/prices/:id',
		object: 'price',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id, params }) {
			const price = account.prices.get(id);
			if (!price) throw noSuch('price', id, 'price', true);
			return serializePrice(account, price, expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/tax_rates',
		object: 'tax_rate',
		schema: {
			fields: {
				display_name: p.string(),
				percentage: p.number(0, 100),
				inclusive: p.bool(),
				active: p.bool(),
				description: p.string(),
				jurisdiction: p.string(),
				country: p.string(),
				state: p.string(),
				tax_type: p.string(),
				metadata: p.metadata(),
				expand: p.expand(),
			},
			required: ['display_name', 'percentage', 'inclusive'],
		},
		handle({ account, params }) {
			const rate = {
				id: newId('txr'),
				seq: account.nextSeq(),
				created: nowSeconds(),
				displayName: str(params, 'display_name') ?? '',
				percentage: String(params.percentage),
				inclusive: bool(params, 'inclusive') ?? false,
				active: bool(params, 'active') ?? true,
				description: str(params, 'description') ?? null,
				jurisdiction: str(params, 'jurisdiction') ?? null,
				country: str(params, 'country') ?? null,
				state: str(params, 'state') ?? null,
				taxType: str(params, 'tax_type') ?? null,
				jurisdictionLevel: null,
				metadata: applyMetadata({}, metadataPatch(params)),
			};
			account.taxRates.set(rate.id, rate);
			return serializeTaxRate(account, rate);
		},
	},
	{
		method: 'GET',
		path: '/v1/tax_rates/:id',
		object: 'tax_rate',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id }) {
			const rate = account.taxRates.get(id);
			if (!rate) throw noSuch('tax rate', id, 'tax_rate', true);
			return serializeTaxRate(account, rate);
		},
	},
];
