// Schemas for the workflow area: requests, responses and the OpenAPI document share them.
export {};
