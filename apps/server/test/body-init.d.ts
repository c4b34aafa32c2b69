// hey-api's generated fetch client names the DOM's BodyInit, which Node's types (our lib, no DOM) call only by
// RequestInit['body'].
type BodyInit = NonNullable<RequestInit['body']>;
