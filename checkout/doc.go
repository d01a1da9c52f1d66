// Package checkout holds the rules of payments: what a notification may
// change, how linking, paying, refunding and reconciling move from state to
// state. It needs no HTTP request to run; handlers call it, db stores for
// it and antom carries its calls to Antom.
package checkout
