package sandbox

import (
	"net/http"

	"golang.org/x/text/language"
)

// cardWords are the hosted card page's words in one language. This
// stand-in speaks the merchant app's seven (cardLanguages): the one pay's
// env.deviceLanguage names (cardLocale), else the browser's
// Accept-Language (cardWordsFor). Its testing aids speak it too — the
// test cards' heading and help, the challenge's code — but for the list
// of test cards, for testers (result codes, capture modes), in English as
// the control page is.
type cardWords struct {
	App, TitleTail                     string // the header's line; the <title>'s tail
	PayTitle, ChallengeTitle           string
	PayTo, CardNumber, Expiry, CVC     string
	Name, Code, Confirm, Cancel, Back  string
	Pay                                string // fmt: the amount
	Challenge                          string // fmt: %[1]s the brand, %[2]s the last four digits
	Footer                             string
	NumberEmpty, NumberInvalid         string
	ExpiryEmpty, ExpiryFormat, Expired string
	CVCInvalid, NameEmpty, NameLong    string
	CodeEmpty                          string
	UnknownTitle, Unknown              string // a payment link that is not valid
	ExpiredTitle, ExpiredNow           string // expired while open
	ClosedUnpaid                       string // expired before it was paid (ORDER_IS_CLOSED)
	FinishedTitle, Finished            string // paid: charged (captured), in full or in part
	AuthorizedTitle, Authorized        string // authorized, not captured yet (captureMode MANUAL)
	AuthLapsedTitle, AuthLapsed        string // authorized, never captured, the authorization expired
	CancelledVoided                    string // authorized, then cancelled before any capture (voided)
	CancelledTitle                     string
	CancelledUnpaid, CancelledPaid     string
	FailedTitle, Failed, WrongTitle    string
	Wrong                              string
	// The sandbox's aids: the test cards' heading and help, and the
	// challenge's hint (fmt: the code that passes).
	TestCards, TestCardsHelp, ChallengeHint string
}

// cardLanguages are the card page's languages by BCP 47 code, English
// first (the fallback): the merchant app's (package lang), whose words
// for the same things these follow.
var cardLanguages = []struct {
	code  string
	words *cardWords
}{
	{"en", &cardWords{
		App: "Antom sandbox · secure card payment", TitleTail: "sandbox card payment",
		PayTitle: "Pay by card", ChallengeTitle: "Confirm it's you",
		PayTo: "Pay to", CardNumber: "Card number", Expiry: "Expiry (MM/YY)", CVC: "CVC",
		Name: "Name on card", Code: "Verification code", Confirm: "Confirm",
		Cancel: "Cancel and return to the shop", Back: "Back to the merchant", Pay: "Pay %s",
		Challenge:   "Your bank wants to check it's you before paying with %[1]s ending in %[2]s.",
		Footer:      "A stand-in for Antom's hosted card page, part of the Antom sandbox. No real card is charged; never type a real card number here.",
		NumberEmpty: "Enter the card number.", NumberInvalid: "This card number is not valid: check the digits.",
		ExpiryEmpty: "Enter the expiry date as MM/YY.", ExpiryFormat: "Enter the expiry date as MM/YY, like 12/30.",
		Expired: "This card has expired.", CVCInvalid: "Enter the 3 or 4 digit security code.",
		NameEmpty: "Enter the name on the card.", NameLong: "The name has at most 100 characters.",
		CodeEmpty:    "Enter the code your bank sent.",
		UnknownTitle: "Unknown payment", Unknown: "This payment link is not valid.",
		ExpiredTitle: "Payment expired", ExpiredNow: "This payment has expired. Go back to the merchant to start again.",
		ClosedUnpaid:  "This payment expired before it was paid, so nothing was charged. Go back to the merchant to start again.",
		FinishedTitle: "Payment finished", Finished: "This payment is already finished: there is nothing left to pay here.",
		AuthorizedTitle: "Payment authorized", Authorized: "Your card is authorized for this payment and nothing has been charged yet: the shop takes the money when it ships your order. There is nothing left to pay here.",
		AuthLapsedTitle: "Authorization expired", AuthLapsed: "The shop did not take the money before your card's authorization expired, so nothing was charged. There is nothing to pay here.",
		CancelledVoided: "This payment was cancelled before the shop took the money: the hold on your card is released and nothing was charged. There is nothing to pay here.",
		CancelledTitle:  "Payment cancelled",
		CancelledUnpaid: "This payment was cancelled, so nothing was charged. Go back to the merchant to pay another way.",
		CancelledPaid:   "This payment was cancelled after it was paid: what was charged has been given back. There is nothing to pay here.",
		FailedTitle:     "Payment failed", Failed: "This payment failed, so nothing was charged. Go back to the merchant to try again.",
		WrongTitle: "Something went wrong", Wrong: "The sandbox could not process this. Its log says why.",
		TestCards: "Sandbox test cards", TestCardsHelp: "Any future expiry, any 3-digit CVC; the name on the card is required (any name).",
		ChallengeHint: "Sandbox: the code is %s; any other code fails the payment.",
	}},
	{"zh-Hans", &cardWords{
		App: "Antom 沙箱 · 安全银行卡支付", TitleTail: "沙箱银行卡支付",
		PayTitle: "银行卡支付", ChallengeTitle: "确认是您本人",
		PayTo: "收款方", CardNumber: "卡号", Expiry: "有效期（MM/YY）", CVC: "安全码（CVC）",
		Name: "持卡人姓名", Code: "验证码", Confirm: "确认",
		Cancel: "取消并返回商店", Back: "返回商家", Pay: "支付 %s",
		Challenge:   "使用尾号 %[2]s 的 %[1]s 卡付款前，您的银行需要确认是您本人。",
		Footer:      "这是 Antom 托管银行卡页面的替身，属于 Antom 沙箱。不会真实扣款；切勿在此输入真实卡号。",
		NumberEmpty: "请输入卡号。", NumberInvalid: "此卡号无效：请检查数字。",
		ExpiryEmpty: "请按 MM/YY 格式输入有效期。", ExpiryFormat: "请按 MM/YY 格式输入有效期，例如 12/30。",
		Expired: "此卡已过期。", CVCInvalid: "请输入 3 位或 4 位安全码。",
		NameEmpty: "请输入卡上的姓名。", NameLong: "姓名最多 100 个字符。",
		CodeEmpty:    "请输入银行发送的验证码。",
		UnknownTitle: "未知的付款", Unknown: "此付款链接无效。",
		ExpiredTitle: "付款已过期", ExpiredNow: "此付款已过期。请返回商家重新开始。",
		ClosedUnpaid:  "此付款在支付前已过期，未扣款。请返回商家重新开始。",
		FinishedTitle: "付款已完成", Finished: "此付款已完成：这里没有需要支付的款项。",
		AuthorizedTitle: "付款已授权", Authorized: "您的卡已为此付款授权，目前尚未扣款：商家发货时才会扣款。这里没有需要支付的款项。",
		AuthLapsedTitle: "授权已过期", AuthLapsed: "商家未在您的卡授权过期前收款，因此未扣款。这里没有需要支付的款项。",
		CancelledVoided: "此付款在商家收款前已取消：您卡上冻结的金额已释放，未扣款。这里没有需要支付的款项。",
		CancelledTitle:  "付款已取消",
		CancelledUnpaid: "此付款已取消，未扣款。请返回商家，换一种方式支付。",
		CancelledPaid:   "此付款在支付后被取消：已扣的款项已退回。这里没有需要支付的款项。",
		FailedTitle:     "付款失败", Failed: "此付款失败，未扣款。请返回商家重试。",
		WrongTitle: "出错了", Wrong: "沙箱无法处理此请求。原因见沙箱日志。",
		TestCards: "沙箱测试卡", TestCardsHelp: "有效期填任意未来日期，安全码填任意 3 位数字；须填写持卡人姓名（任意姓名均可）。",
		ChallengeHint: "沙箱：验证码是 %s；输入其他验证码，付款将失败。",
	}},
	{"zh-Hant", &cardWords{
		App: "Antom 沙盒 · 安全卡片付款", TitleTail: "沙盒卡片付款",
		PayTitle: "以卡片付款", ChallengeTitle: "確認是你本人",
		PayTo: "收款方", CardNumber: "卡號", Expiry: "到期日（MM/YY）", CVC: "安全碼（CVC）",
		Name: "持卡人姓名", Code: "驗證碼", Confirm: "確認",
		Cancel: "取消並返回商店", Back: "返回商店", Pay: "付款 %s",
		Challenge:   "以末四碼 %[2]s 的 %[1]s 卡片付款前，你的銀行需要確認是你本人。",
		Footer:      "這是 Antom 代管卡片付款頁面的替身，屬於 Antom 沙盒。不會真的扣款；切勿在此輸入真實卡號。",
		NumberEmpty: "請輸入卡號。", NumberInvalid: "此卡號無效：請檢查數字。",
		ExpiryEmpty: "請以 MM/YY 格式輸入到期日。", ExpiryFormat: "請以 MM/YY 格式輸入到期日，例如 12/30。",
		Expired: "此卡片已過期。", CVCInvalid: "請輸入 3 或 4 位數的安全碼。",
		NameEmpty: "請輸入卡片上的姓名。", NameLong: "姓名最多 100 個字元。",
		CodeEmpty:    "請輸入銀行傳送的驗證碼。",
		UnknownTitle: "不明的付款", Unknown: "此付款連結無效。",
		ExpiredTitle: "付款已過期", ExpiredNow: "此付款已過期。請返回商店重新開始。",
		ClosedUnpaid:  "此付款在付款前已過期，沒有扣款。請返回商店重新開始。",
		FinishedTitle: "付款已完成", Finished: "此付款已完成：這裡沒有需要支付的款項。",
		AuthorizedTitle: "付款已授權", Authorized: "你的卡片已為此付款授權，目前尚未扣款：商店寄出訂單時才會扣款。這裡沒有需要支付的款項。",
		AuthLapsedTitle: "授權已過期", AuthLapsed: "商店未在你卡片的授權過期前收款，因此沒有扣款。這裡沒有需要支付的款項。",
		CancelledVoided: "此付款在商店收款前已取消：你卡片上凍結的款項已解除，沒有扣款。這裡沒有需要支付的款項。",
		CancelledTitle:  "付款已取消",
		CancelledUnpaid: "此付款已取消，沒有扣款。請返回商店改用其他方式付款。",
		CancelledPaid:   "此付款在付款後被取消：已扣的款項已退還。這裡沒有需要支付的款項。",
		FailedTitle:     "付款失敗", Failed: "此付款失敗，沒有扣款。請返回商店再試一次。",
		WrongTitle: "發生錯誤", Wrong: "沙盒無法處理此要求。原因請見沙盒的記錄。",
		TestCards: "沙盒測試卡", TestCardsHelp: "到期日填任何未來日期，安全碼填任何 3 位數字；必須填寫持卡人姓名（任何姓名皆可）。",
		ChallengeHint: "沙盒：驗證碼是 %s；輸入其他驗證碼，付款將會失敗。",
	}},
	{"ko", &cardWords{
		App: "Antom 샌드박스 · 안전한 카드 결제", TitleTail: "샌드박스 카드 결제",
		PayTitle: "카드로 결제", ChallengeTitle: "본인 확인",
		PayTo: "결제 받는 곳", CardNumber: "카드 번호", Expiry: "유효기간(MM/YY)", CVC: "CVC",
		Name: "카드 소유자 이름", Code: "인증 코드", Confirm: "확인",
		Cancel: "취소하고 상점으로 돌아가기", Back: "상점으로 돌아가기", Pay: "%s 결제",
		Challenge:   "%[1]s 카드(끝자리 %[2]s)로 결제하기 전에 카드사에서 본인 확인을 요청합니다.",
		Footer:      "Antom 샌드박스에 포함된, Antom 호스팅 카드 결제 페이지의 대역입니다. 실제 카드로는 청구되지 않습니다. 여기에 실제 카드 번호를 입력하지 마세요.",
		NumberEmpty: "카드 번호를 입력하세요.", NumberInvalid: "유효하지 않은 카드 번호입니다. 숫자를 확인하세요.",
		ExpiryEmpty: "유효기간을 MM/YY 형식으로 입력하세요.", ExpiryFormat: "유효기간을 MM/YY 형식으로 입력하세요(예: 12/30).",
		Expired: "유효기간이 지난 카드입니다.", CVCInvalid: "3자리 또는 4자리 보안 코드를 입력하세요.",
		NameEmpty: "카드에 적힌 이름을 입력하세요.", NameLong: "이름은 최대 100자입니다.",
		CodeEmpty:    "카드사에서 보낸 코드를 입력하세요.",
		UnknownTitle: "알 수 없는 결제", Unknown: "유효하지 않은 결제 링크입니다.",
		ExpiredTitle: "결제 만료", ExpiredNow: "이 결제는 만료되었습니다. 상점으로 돌아가 다시 시작하세요.",
		ClosedUnpaid:  "이 결제는 결제되기 전에 만료되어 청구되지 않았습니다. 상점으로 돌아가 다시 시작하세요.",
		FinishedTitle: "결제 완료", Finished: "이미 완료된 결제입니다. 여기서 더 결제할 금액이 없습니다.",
		AuthorizedTitle: "결제 승인됨", Authorized: "이 결제에 대한 카드 승인이 완료되었으며 아직 청구된 금액은 없습니다. 상점이 주문을 발송할 때 대금을 청구합니다. 여기서 더 결제할 금액이 없습니다.",
		AuthLapsedTitle: "승인 만료", AuthLapsed: "카드 승인이 만료되기 전에 상점이 대금을 청구하지 않아 청구된 금액이 없습니다. 여기서 결제할 금액이 없습니다.",
		CancelledVoided: "상점이 대금을 청구하기 전에 이 결제가 취소되었습니다. 카드에 잡힌 한도는 해제되었고 청구된 금액은 없습니다. 여기서 결제할 금액이 없습니다.",
		CancelledTitle:  "결제 취소됨",
		CancelledUnpaid: "이 결제는 취소되어 청구되지 않았습니다. 상점으로 돌아가 다른 방법으로 결제하세요.",
		CancelledPaid:   "이 결제는 결제된 뒤 취소되어 청구된 금액이 돌려졌습니다. 여기서 결제할 금액이 없습니다.",
		FailedTitle:     "결제 실패", Failed: "이 결제는 실패하여 청구되지 않았습니다. 상점으로 돌아가 다시 시도하세요.",
		WrongTitle: "문제가 발생했습니다", Wrong: "샌드박스가 이 요청을 처리하지 못했습니다. 이유는 샌드박스 로그에 있습니다.",
		TestCards: "샌드박스 테스트 카드", TestCardsHelp: "유효기간은 미래의 아무 날짜, CVC는 아무 3자리 숫자나 입력하세요. 카드 소유자 이름은 필수입니다(아무 이름이나 가능).",
		ChallengeHint: "샌드박스: 인증 코드는 %s입니다. 다른 코드를 입력하면 결제가 실패합니다.",
	}},
	{"id", &cardWords{
		App: "Sandbox Antom · pembayaran kartu yang aman", TitleTail: "pembayaran kartu sandbox",
		PayTitle: "Bayar dengan kartu", ChallengeTitle: "Pastikan ini Anda",
		PayTo: "Bayar ke", CardNumber: "Nomor kartu", Expiry: "Masa berlaku (BB/TT)", CVC: "CVC",
		Name: "Nama pada kartu", Code: "Kode verifikasi", Confirm: "Konfirmasi",
		Cancel: "Batalkan dan kembali ke toko", Back: "Kembali ke toko", Pay: "Bayar %s",
		Challenge:   "Bank Anda ingin memastikan ini Anda sebelum membayar dengan %[1]s berakhiran %[2]s.",
		Footer:      "Pengganti halaman kartu yang di-hosting Antom, bagian dari sandbox Antom. Tidak ada kartu sungguhan yang ditagih; jangan pernah mengetik nomor kartu sungguhan di sini.",
		NumberEmpty: "Masukkan nomor kartu.", NumberInvalid: "Nomor kartu ini tidak valid: periksa angkanya.",
		ExpiryEmpty: "Masukkan masa berlaku sebagai BB/TT.", ExpiryFormat: "Masukkan masa berlaku sebagai BB/TT, misalnya 12/30.",
		Expired: "Kartu ini sudah kedaluwarsa.", CVCInvalid: "Masukkan kode keamanan 3 atau 4 digit.",
		NameEmpty: "Masukkan nama pada kartu.", NameLong: "Nama paling banyak 100 karakter.",
		CodeEmpty:    "Masukkan kode yang dikirim bank Anda.",
		UnknownTitle: "Pembayaran tidak dikenal", Unknown: "Tautan pembayaran ini tidak valid.",
		ExpiredTitle: "Pembayaran kedaluwarsa", ExpiredNow: "Pembayaran ini sudah kedaluwarsa. Kembali ke toko untuk memulai lagi.",
		ClosedUnpaid:  "Pembayaran ini kedaluwarsa sebelum dibayar, jadi Anda tidak ditagih. Kembali ke toko untuk memulai lagi.",
		FinishedTitle: "Pembayaran selesai", Finished: "Pembayaran ini sudah selesai: tidak ada lagi yang perlu dibayar di sini.",
		AuthorizedTitle: "Pembayaran diotorisasi", Authorized: "Kartu Anda telah diotorisasi untuk pembayaran ini dan belum ada yang ditagih: toko baru menagih dana itu saat mengirim pesanan Anda. Tidak ada lagi yang perlu dibayar di sini.",
		AuthLapsedTitle: "Otorisasi kedaluwarsa", AuthLapsed: "Toko tidak menagih dana sebelum otorisasi kartu Anda kedaluwarsa, jadi Anda tidak ditagih. Tidak ada yang perlu dibayar di sini.",
		CancelledVoided: "Pembayaran ini dibatalkan sebelum toko menagih dananya: dana yang ditahan di kartu Anda dilepas dan Anda tidak ditagih. Tidak ada yang perlu dibayar di sini.",
		CancelledTitle:  "Pembayaran dibatalkan",
		CancelledUnpaid: "Pembayaran ini dibatalkan, jadi Anda tidak ditagih. Kembali ke toko untuk membayar dengan cara lain.",
		CancelledPaid:   "Pembayaran ini dibatalkan setelah dibayar: yang ditagih sudah dikembalikan. Tidak ada yang perlu dibayar di sini.",
		FailedTitle:     "Pembayaran gagal", Failed: "Pembayaran ini gagal, jadi Anda tidak ditagih. Kembali ke toko untuk mencoba lagi.",
		WrongTitle: "Terjadi kesalahan", Wrong: "Sandbox tidak dapat memproses ini. Log sandbox menyebutkan alasannya.",
		TestCards: "Kartu uji sandbox", TestCardsHelp: "Masa berlaku apa pun di masa depan, CVC 3 digit apa pun; nama pada kartu wajib diisi (nama apa pun).",
		ChallengeHint: "Sandbox: kodenya %s; kode lain membuat pembayaran gagal.",
	}},
	{"ms", &cardWords{
		App: "Kotak pasir Antom · pembayaran kad yang selamat", TitleTail: "pembayaran kad kotak pasir",
		PayTitle: "Bayar dengan kad", ChallengeTitle: "Sahkan bahawa ini anda",
		PayTo: "Bayar kepada", CardNumber: "Nombor kad", Expiry: "Tarikh luput (BB/TT)", CVC: "CVC",
		Name: "Nama pada kad", Code: "Kod pengesahan", Confirm: "Sahkan",
		Cancel: "Batal dan kembali ke kedai", Back: "Kembali ke kedai", Pay: "Bayar %s",
		Challenge:   "Bank anda ingin memastikan bahawa ini anda sebelum membayar dengan %[1]s yang berakhir dengan %[2]s.",
		Footer:      "Pengganti halaman kad yang dihoskan oleh Antom, sebahagian daripada kotak pasir Antom. Tiada kad sebenar dicaj; jangan sekali-kali menaip nombor kad sebenar di sini.",
		NumberEmpty: "Masukkan nombor kad.", NumberInvalid: "Nombor kad ini tidak sah: semak digitnya.",
		ExpiryEmpty: "Masukkan tarikh luput sebagai BB/TT.", ExpiryFormat: "Masukkan tarikh luput sebagai BB/TT, contohnya 12/30.",
		Expired: "Kad ini telah tamat tempoh.", CVCInvalid: "Masukkan kod keselamatan 3 atau 4 digit.",
		NameEmpty: "Masukkan nama pada kad.", NameLong: "Nama paling banyak 100 aksara.",
		CodeEmpty:    "Masukkan kod yang dihantar oleh bank anda.",
		UnknownTitle: "Bayaran tidak dikenali", Unknown: "Pautan bayaran ini tidak sah.",
		ExpiredTitle: "Bayaran tamat tempoh", ExpiredNow: "Bayaran ini telah tamat tempoh. Kembali ke kedai untuk bermula semula.",
		ClosedUnpaid:  "Bayaran ini tamat tempoh sebelum dibayar, jadi tiada caj dikenakan. Kembali ke kedai untuk bermula semula.",
		FinishedTitle: "Bayaran selesai", Finished: "Bayaran ini sudah selesai: tiada apa-apa lagi untuk dibayar di sini.",
		AuthorizedTitle: "Bayaran dibenarkan", Authorized: "Kad anda telah membenarkan bayaran ini dan belum ada caj dikenakan: kedai akan mengambil wang itu apabila menghantar pesanan anda. Tiada apa-apa lagi untuk dibayar di sini.",
		AuthLapsedTitle: "Kebenaran tamat tempoh", AuthLapsed: "Kedai tidak mengambil wang itu sebelum kebenaran kad anda tamat tempoh, jadi tiada caj dikenakan. Tiada apa-apa untuk dibayar di sini.",
		CancelledVoided: "Bayaran ini dibatalkan sebelum kedai mengambil wang itu: wang yang ditahan pada kad anda telah dilepaskan dan tiada caj dikenakan. Tiada apa-apa untuk dibayar di sini.",
		CancelledTitle:  "Bayaran dibatalkan",
		CancelledUnpaid: "Bayaran ini telah dibatalkan, jadi tiada caj dikenakan. Kembali ke kedai untuk membayar dengan cara lain.",
		CancelledPaid:   "Bayaran ini dibatalkan selepas dibayar: jumlah yang dicaj telah dikembalikan. Tiada apa-apa untuk dibayar di sini.",
		FailedTitle:     "Bayaran gagal", Failed: "Bayaran ini gagal, jadi tiada caj dikenakan. Kembali ke kedai untuk mencuba lagi.",
		WrongTitle: "Sesuatu tidak kena", Wrong: "Kotak pasir tidak dapat memproses ini. Log kotak pasir menyatakan sebabnya.",
		TestCards: "Kad ujian kotak pasir", TestCardsHelp: "Sebarang tarikh luput pada masa hadapan, sebarang CVC 3 digit; nama pada kad wajib diisi (sebarang nama).",
		ChallengeHint: "Kotak pasir: kodnya ialah %s; sebarang kod lain menyebabkan pembayaran gagal.",
	}},
	{"th", &cardWords{
		App: "แซนด์บ็อกซ์ Antom · ชำระด้วยบัตรอย่างปลอดภัย", TitleTail: "ชำระด้วยบัตรในแซนด์บ็อกซ์",
		PayTitle: "ชำระด้วยบัตร", ChallengeTitle: "ยืนยันว่าเป็นคุณ",
		PayTo: "ชำระให้", CardNumber: "หมายเลขบัตร", Expiry: "วันหมดอายุ (MM/YY)", CVC: "CVC",
		Name: "ชื่อบนบัตร", Code: "รหัสยืนยัน", Confirm: "ยืนยัน",
		Cancel: "ยกเลิกและกลับไปที่ร้านค้า", Back: "กลับไปที่ร้านค้า", Pay: "ชำระ %s",
		Challenge:   "ธนาคารของคุณต้องการยืนยันว่าเป็นคุณก่อนชำระด้วย %[1]s ที่ลงท้ายด้วย %[2]s",
		Footer:      "หน้านี้ใช้แทนหน้าชำระด้วยบัตรของ Antom และเป็นส่วนหนึ่งของแซนด์บ็อกซ์ Antom ไม่มีการเรียกเก็บเงินจากบัตรจริง ห้ามกรอกหมายเลขบัตรจริงที่นี่",
		NumberEmpty: "กรอกหมายเลขบัตร", NumberInvalid: "หมายเลขบัตรนี้ไม่ถูกต้อง โปรดตรวจสอบตัวเลข",
		ExpiryEmpty: "กรอกวันหมดอายุในรูปแบบ MM/YY", ExpiryFormat: "กรอกวันหมดอายุในรูปแบบ MM/YY เช่น 12/30",
		Expired: "บัตรนี้หมดอายุแล้ว", CVCInvalid: "กรอกรหัสความปลอดภัย 3 หรือ 4 หลัก",
		NameEmpty: "กรอกชื่อบนบัตร", NameLong: "ชื่อยาวได้ไม่เกิน 100 ตัวอักษร",
		CodeEmpty:    "กรอกรหัสที่ธนาคารส่งให้คุณ",
		UnknownTitle: "ไม่รู้จักการชำระเงินนี้", Unknown: "ลิงก์ชำระเงินนี้ไม่ถูกต้อง",
		ExpiredTitle: "การชำระเงินหมดอายุ", ExpiredNow: "การชำระเงินนี้หมดอายุแล้ว กลับไปที่ร้านค้าเพื่อเริ่มใหม่",
		ClosedUnpaid:  "การชำระเงินนี้หมดอายุก่อนได้ชำระ จึงไม่มีการเรียกเก็บเงิน กลับไปที่ร้านค้าเพื่อเริ่มใหม่",
		FinishedTitle: "ชำระเงินเรียบร้อยแล้ว", Finished: "การชำระเงินนี้เสร็จสิ้นแล้ว ไม่มีอะไรต้องชำระที่นี่อีก",
		AuthorizedTitle: "อนุมัติวงเงินแล้ว", Authorized: "บัตรของคุณได้รับการอนุมัติวงเงินสำหรับการชำระเงินนี้แล้ว และยังไม่มีการเรียกเก็บเงิน ร้านค้าจะเรียกเก็บเงินเมื่อจัดส่งคำสั่งซื้อ ไม่มีอะไรต้องชำระที่นี่อีก",
		AuthLapsedTitle: "การอนุมัติวงเงินหมดอายุ", AuthLapsed: "ร้านค้าไม่ได้เรียกเก็บเงินก่อนการอนุมัติวงเงินบนบัตรของคุณหมดอายุ จึงไม่มีการเรียกเก็บเงิน ไม่มีอะไรต้องชำระที่นี่",
		CancelledVoided: "การชำระเงินนี้ถูกยกเลิกก่อนที่ร้านค้าจะเรียกเก็บเงิน วงเงินที่กันไว้บนบัตรของคุณถูกปลดแล้ว และไม่มีการเรียกเก็บเงิน ไม่มีอะไรต้องชำระที่นี่",
		CancelledTitle:  "ยกเลิกการชำระเงินแล้ว",
		CancelledUnpaid: "การชำระเงินนี้ถูกยกเลิก จึงไม่มีการเรียกเก็บเงิน กลับไปที่ร้านค้าเพื่อชำระด้วยวิธีอื่น",
		CancelledPaid:   "การชำระเงินนี้ถูกยกเลิกหลังชำระแล้ว เงินที่เรียกเก็บไปได้คืนให้แล้ว ไม่มีอะไรต้องชำระที่นี่",
		FailedTitle:     "การชำระเงินไม่สำเร็จ", Failed: "การชำระเงินนี้ไม่สำเร็จ จึงไม่มีการเรียกเก็บเงิน กลับไปที่ร้านค้าเพื่อลองอีกครั้ง",
		WrongTitle: "เกิดข้อผิดพลาด", Wrong: "แซนด์บ็อกซ์ดำเนินการนี้ไม่ได้ ดูสาเหตุได้ในบันทึกของแซนด์บ็อกซ์",
		TestCards: "บัตรทดสอบในแซนด์บ็อกซ์", TestCardsHelp: "ใช้วันหมดอายุใดก็ได้ในอนาคต และ CVC 3 หลักใดก็ได้ ต้องกรอกชื่อบนบัตร (ชื่อใดก็ได้)",
		ChallengeHint: "แซนด์บ็อกซ์: รหัสคือ %s หากใช้รหัสอื่น การชำระเงินจะไม่สำเร็จ",
	}},
}

// cardMatcher matches Accept-Language against cardLanguages, in order.
var cardMatcher = func() language.Matcher {
	tags := make([]language.Tag, len(cardLanguages))
	for i, l := range cardLanguages {
		tags[i] = language.MustParse(l.code)
	}
	return language.NewMatcher(tags)
}()

// cardWordsFor is the card page's language for request r — the best of
// cardLanguages for its Accept-Language ("zh-TW" and "zh-HK" read
// Traditional Chinese, "zh-CN" and "zh" Simplified), else English — as
// its code (for <html lang>) and its words.
func cardWordsFor(r *http.Request) (string, *cardWords) {
	prefs, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(prefs) == 0 {
		return cardLanguages[0].code, cardLanguages[0].words
	}
	_, i, conf := cardMatcher.Match(prefs...)
	if conf == language.No {
		i = 0
	}
	return cardLanguages[i].code, cardLanguages[i].words
}
