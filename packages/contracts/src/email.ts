// Schemas for the email area: requests, responses and the OpenAPI document share them.
export {};
