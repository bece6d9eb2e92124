// Schemas for the workflow area: requests, responses and the OpenAPI document share them.
export * from './workflow/frontline.js';
export * from './workflow/rules.js';
export * from './workflow/sla.js';
