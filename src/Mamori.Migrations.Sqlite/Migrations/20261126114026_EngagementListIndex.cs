using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mamori.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EngagementListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Engagements_FiscalYearId_CountryCode_Status",
                table: "Engagements");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_FiscalYearId_CountryCode_Status_Number",
                table: "Engagements",
                columns: new[] { "FiscalYearId", "CountryCode", "Status", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Engagements_FiscalYearId_CountryCode_Status_Number",
                table: "Engagements");

            migrationBuilder.CreateIndex(
                name: "IX_Engagements_FiscalYearId_CountryCode_Status",
                table: "Engagements",
                columns: new[] { "FiscalYearId", "CountryCode", "Status" });
        }
    }
}
