"""`jixiao import 报告.docx`: a finished report read back into a draft unit file."""
