/** The invoice metadata key a Reference is stored under: Invoice & Collect writes it, lookups and the trigger read it. */
export const REFERENCE_METADATA_KEY = 'n8n_reference';
