package ir

// defaultRequestIDHeaders are the response headers read for a request id
// when the schema declares none (api.requestIdHeaders): the two names common
// to many gateways, never one API's own.
var defaultRequestIDHeaders = []string{"X-Request-Id", "Request-Id"}

func (b *builder) api() *API {
	a := b.f.API
	out := &API{
		BaseURL: a.BaseURL,
		Doc:     a.Description,
		Auth: Auth{
			Scheme:      AuthScheme(a.Auth.Scheme),
			Username:    a.Auth.Username,
			Password:    a.Auth.Password,
			UsernameArg: b.names.Unexported(a.Auth.Username),
			PasswordArg: b.names.Unexported(a.Auth.Password),
			Header:      a.Auth.Header,
		},
		Encoding:          Encoding(a.Encoding),
		Discriminator:     a.Discriminator,
		RetryNotProcessed: a.RetryNotProcessed,
		IdempotencyHeader: a.IdempotencyHeader,
		RequestIDHeaders:  a.RequestIDHeaders,
	}
	if len(out.RequestIDHeaders) == 0 {
		out.RequestIDHeaders = defaultRequestIDHeaders
	}
	if pg := a.Pagination; pg != nil {
		out.Pagination = &Pagination{
			Style:      PaginationStyle(pg.Style),
			Next:       pg.Next,
			SizeParam:  pg.SizeParam,
			PageParam:  pg.PageParam,
			FirstPage:  pg.FirstPage,
			TotalPages: pg.TotalPages,
			TotalCount: pg.TotalCount,
		}
		b.pageMetadata(pg, out.Pagination)
	}
	if e := a.Errors; e != nil {
		if e.Type != nil && e.Type.Target != nil {
			out.ErrorType = b.structOf(e.Type.Target)
		}
		shape := &ErrorShape{Code: e.Code, Message: e.Message, RequestID: e.RequestID}
		for _, c := range e.Codes {
			shape.Codes = append(shape.Codes, ErrorCode{Status: c.Status, Code: c.Code, Number: c.Number})
		}
		shape.CodeField = pathField(out.ErrorType, e.Code)
		if fl := shape.CodeField; fl != nil {
			shape.CodeIsNumber = fl.Type.Kind == Int32 || fl.Type.Kind == Int64
		}
		out.ErrorShape = shape
	}
	b.apiHTTP(out)
	return out
}

// pathField returns the field of st that a JSON path ends at, following
// nested structs; nil when the path does not end at a declared field.
func pathField(st *Struct, path []string) *Field {
	if st == nil || len(path) == 0 {
		return nil
	}
	for i, name := range path {
		var field *Field
		for _, fl := range st.Fields {
			if fl.Wire == name {
				field = fl
			}
		}
		if field == nil {
			return nil
		}
		if i == len(path)-1 {
			return field
		}
		if field.Type.Kind != StructRef {
			return nil
		}
		st = field.Type.Struct
	}
	return nil
}
