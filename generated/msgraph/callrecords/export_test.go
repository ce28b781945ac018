// Hand-written (not generated): the paging members the generated fake
// writes, for TestPageReadersStrict.

package callrecords

// FakePagingPathsForTest returns the JSON paths of the page members that the
// client's page reader reads besides the items: the next link and the total
// number of pages, as the schema declares them (schema/apis/msgraph-callrecords.yaml: api.pagination.next).
// (The fake, which writes them, is the package callrecordsfake now, which these
// tests import and which cannot be imported from inside the package.)
func FakePagingPathsForTest() [][]string {
	return [][]string{{"@odata.nextLink"}}
}
