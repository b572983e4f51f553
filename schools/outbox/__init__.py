"""The outbox: every email and background job is first a row written in the transaction of the change that causes
it, then handed to Celery by a dispatcher (see ``services``). Nothing is lost when Redis or the worker is down."""
